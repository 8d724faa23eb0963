"""Art. 44 candidates: information several applicants asked for and were given, which may become proactive.

Requests are grouped when they were answered with the same files or the same published documents, or when their
subjects share most of their words (Jaccard overlap of the subjects' word bigrams ≥ SIMILAR). Replies that only
pointed to information already public are left out: there is nothing left to make proactive. Pure functions over
plain rows, so the rule is tested with tables; the view reads a bounded window of recent replies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SIMILAR = 0.5
WINDOW = 2000  # the most recent replies considered: enough for a county's year, bounded for the page


@dataclass(frozen=True)
class Answered:
    pk: int
    subject: str
    applicant: str  # the identity document number: several requests of one applicant count once
    received_on: object
    provided: frozenset[str] = frozenset()  # names of files given and ids of documents pointed to


@dataclass
class Candidate:
    subject: str  # the most frequent subject of the group, as the title of a proactive document
    requests: list[Answered] = field(default_factory=list)

    @property
    def applicants(self) -> int:
        return len({r.applicant for r in self.requests})

    @property
    def first(self):
        return min((r.received_on for r in self.requests if r.received_on), default=None)

    @property
    def subjects(self) -> list[str]:
        return sorted({r.subject for r in self.requests})


def _shingles(subject: str) -> set[str]:
    """Two-character runs of the subject's Chinese (and whole Latin words and numbers): robust to word order."""
    text = re.sub(r"\s+", "", subject)
    chinese = re.findall(r"[\u4e00-\u9fff]+", text)
    shingles = {run[i : i + 2] for run in chinese for i in range(len(run) - 1)}
    return shingles | set(re.findall(r"[A-Za-z0-9]+", text.lower()))


def similar(a: str, b: str) -> bool:
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return a.strip() == b.strip()
    return len(sa & sb) / len(sa | sb) >= SIMILAR


def group(rows: list[Answered], *, min_applicants: int = 2) -> list[Candidate]:
    """Groups of similar requests with at least `min_applicants` different applicants, most asked for first."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    by_provided: dict[str, int] = {}
    for index, row in enumerate(rows):
        for item in row.provided:
            if item in by_provided:
                union(index, by_provided[item])
            else:
                by_provided[item] = index
    # Subjects: compare each distinct subject once (a county's window holds a few hundred distinct subjects).
    first_of_subject: dict[str, int] = {}
    for index, row in enumerate(rows):
        first_of_subject.setdefault(row.subject.strip(), index)
        union(index, first_of_subject[row.subject.strip()])
    subjects = list(first_of_subject.items())
    for a in range(len(subjects)):
        for b in range(a + 1, len(subjects)):
            if similar(subjects[a][0], subjects[b][0]):
                union(subjects[a][1], subjects[b][1])

    groups: dict[int, list[Answered]] = {}
    for index, row in enumerate(rows):
        groups.setdefault(find(index), []).append(row)
    candidates = []
    for members in groups.values():
        counts: dict[str, int] = {}
        for row in members:
            counts[row.subject] = counts.get(row.subject, 0) + 1
        title = max(sorted(counts), key=lambda s: counts[s])
        candidate = Candidate(subject=title, requests=sorted(members, key=lambda r: r.pk))
        if candidate.applicants >= min_applicants:
            candidates.append(candidate)
    return sorted(candidates, key=lambda c: (-c.applicants, c.subject))
