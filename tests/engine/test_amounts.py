"""A document's numbers filed for many questions answer as reading them one by one does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.judge.amounts import Numbers, bears
from tui.engine.judge.dates import year_borne
from tui.engine.judge.quantity import Quantity, quantities

VALUES = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.99, 4.0, 4.01, 19.95, 21.05, 10.0, 20.0, 21.0, 25.0, 33.3, 40.0, 100.0, 176.0, 950.0,
                          1e6, 2.4e7]) | st.floats(min_value=0, max_value=1e7, allow_nan=False)


@st.composite
def amounts(draw: st.DrawFn) -> Quantity:
    value = draw(VALUES)
    upper = draw(st.none() | VALUES.filter(lambda v: v > value))
    measured = draw(st.none() | st.tuples(st.sampled_from(["time", "mass"]), VALUES, st.sampled_from([1.0, 7.0])))
    return Quantity(value, draw(st.sampled_from("=~<>")), "", draw(st.sampled_from(["", "%", "pp"])), upper,
                    measured=measured, implied=draw(st.booleans()))  # "12 weeks": 84 days in units of 7


YEARS = st.builds(Quantity, st.integers(1980, 2020).map(float), st.sampled_from(["y", "ys", "y<", "y<=", "y>", "y>="]))


@settings(max_examples=300, deadline=None)
@given(st.lists(amounts(), max_size=12), amounts())
def test_a_filed_document_bears_out_what_its_amounts_one_by_one_do(found: list[Quantity], claimed: Quantity) -> None:
    assert Numbers(found).bears(claimed) is bears(found, claimed)


@settings(max_examples=200, deadline=None)
@given(st.lists(YEARS, max_size=8), YEARS)
def test_a_filed_document_bears_out_what_its_years_one_by_one_do(found: list[Quantity], claimed: Quantity) -> None:
    assert Numbers(found).year_borne(claimed) is year_borne(found, claimed)


def test_equal_amounts_are_filed_once_and_years_apart() -> None:
    numbers = Numbers(quantities("40% in 2019, 40 per cent in 2020, and 40% again before 2021."))
    assert [q.value for q in numbers.amounts] == [40.0]
    assert [(q.value, q.bound) for q in numbers.years] == [(2019.0, "y"), (2020.0, "y"), (2021.0, "y<")]


def test_a_claimed_range_is_borne_out_by_an_amount_at_its_end_within_half_a_per_cent() -> None:
    found, claimed = [Quantity(3.99, "=")], Quantity(4.0, "=", upper=10.0)
    assert bears(found, claimed) and Numbers(found).bears(claimed)
    found, claimed = [Quantity(10.04, "="), Quantity(500.0, "=")], Quantity(4.0, "=", upper=10.0)
    assert bears(found, claimed) and Numbers(found).bears(claimed)


@settings(max_examples=300, deadline=None)
@given(st.lists(amounts(), max_size=14), st.lists(amounts(), max_size=14))
def test_a_statement_of_many_amounts_filed_bears_out_what_it_does_read_one_by_one(
        found: list[Quantity], claimed: list[Quantity]) -> None:
    """Many amounts are filed (:data:`FILED_FROM`): a table run into one line took minutes."""
    import pytest

    from tui.engine.judge import amounts as module

    read = module.bears_each(found, claimed)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "FILED_FROM", 0)
        assert module.bears_each(found, claimed) == read
        assert [[id(q) for q in pool] for pool in module.asked_against(found, claimed)] == [
            [id(q) for q in pool] for pool in _unfiled_pools(found, claimed)]


def _unfiled_pools(found: list[Quantity], claimed: list[Quantity]) -> list:
    import pytest

    from tui.engine.judge import amounts as module

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "FILED_FROM", 10**12)
        return module.asked_against(found, claimed)


def test_of_ends_equally_near_in_floats_the_filed_nearest_is_the_first_as_read_one_by_one() -> None:
    """The gap is a float: 1e-45 is as far from 0.5 as 0 is, and the first of the two is taken
    either way (hypothesis found the filed and the plain reading apart here)."""
    from tui.engine.judge.amounts import _nearest

    zero, tiny = Quantity(0.0, "=", "", "%"), Quantity(1.401298464324817e-45, "=", "", "%", upper=2.0)
    for found in ([zero, tiny], [tiny, zero]):
        claimed = Quantity(0.5, "=", "", "%")
        assert Numbers(found).nearest(claimed) == _nearest(found, claimed) == (found[0].value, found[0])
