"""The second process's heap in huge pages, where glibc and the system allow it.

A comparison's second process is a fresh interpreter that grows to about 60 MB for the 290 KB
InSciOut pair, and the kernel maps that memory a 4 KB page at a time as it is first touched:
13,000 page faults, each 3-4 µs on the virtual machines measured (60-90 ms of system time).
glibc's ``glibc.malloc.hugetlb=1`` tunable has its ``malloc`` ask for transparent huge pages
(``madvise``), which took the process to 10,500 faults and 50-60 ms; the whole command took
0.982 and 0.988 of its time (40 alternated rounds each). The tunable is read only as a process
starts, so it is set for the process the engine starts, never for the first one, whose
environment is the user's; a ``GLIBC_TUNABLES`` that already says how is left as it is. Other C
libraries and older glibc ignore the variable; where transparent huge pages are off, the
kernel does.
"""

from __future__ import annotations

from collections.abc import MutableMapping

VARIABLE = "GLIBC_TUNABLES"
"""Where glibc reads its tunables, ``name=value`` pairs joined by colons."""
TUNABLE = "glibc.malloc.hugetlb"
"""The tunable; 1: ``malloc`` asks for transparent huge pages."""


def huge_heap(environ: MutableMapping[str, str]) -> MutableMapping[str, str]:
    """``environ`` (a copy of this one's, for a process to start) with :data:`TUNABLE` set to 1,
    unless its tunables name it already.

    Returns:
        ``environ`` itself, changed.
    """
    tunables = environ.get(VARIABLE, "")
    if not any(part.split("=", 1)[0] == TUNABLE for part in tunables.split(":")):
        environ[VARIABLE] = f"{tunables}:{TUNABLE}=1" if tunables else f"{TUNABLE}=1"
    return environ
