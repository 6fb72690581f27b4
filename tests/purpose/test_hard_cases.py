"""Hand-picked hard cases: the setting says one thing, the purpose another; a passing mention
of the other side; `both` with two real halves. Written for this test, not taken from the corpus."""

from __future__ import annotations

import pytest

from kithkin.core.vocabulary import Purpose
from kithkin.purpose.classifier import classify
from kithkin.purpose.default import default_model

N, S, B = Purpose.NETWORKING, Purpose.SOCIAL, Purpose.BOTH

CASES: list[object] = [
    (N, "Drinks with a client to talk about next year's contract"),
    (N, "Drinks with my biggest client to talk about the renewal"),
    (S, "My colleague's wedding in Porto, danced all night"),
    (B, "Dinner at Priya's, her husband mentioned his team is hiring a PM and offered to refer me"),
    (N, "Golf with the investor; pitched the seed round on the back nine"),
    (S, "Lunch with Tom from work, only talked about his kids and the marathon"),
    (S, "walked the dogs with Jen, she's doing better after the surgery"),
    pytest.param(
        N,
        "Pitched our seed round to her fund",
        marks=pytest.mark.xfail(
            strict=True,
            reason="known miss: 'her fund' reads as personal (both); 'a fund' and "
            "'Lena's fund' come out networking",
        ),
    ),
    (N, "Pitched our seed round to Lena at Northzone, she asked for the deck"),
    (B, "Sunday lunch at Mum's, spent an hour on my sister's résumé for the Shell interview"),
    (S, "Conference after-party with Sara but we only talked about her new puppy and the band"),
    (N, "Coffee with a recruiter from Stripe about the staff engineer role"),
    (S, "Called Grandma for her 90th birthday"),
    (
        B,
        "Caught up with my old roommate; he's raising a seed round and wants me as an advisor. "
        "Also his wedding is in June!",
    ),
    (N, "Quarterly review with Acme, they'll renew if we fix SSO. Congrats on the baby, Dave!"),
    (S, "Helped my neighbour move his sofa, beers after"),
    (N, "LinkedIn message to a hiring manager at Siemens asking for an informational interview"),
    (
        B,
        "Ramadan iftar at Yusuf's; his cousin runs a logistics firm and wants our software, "
        "intro on Monday",
    ),
    (S, "Team offsite in Lisbon, nobody talked shop, surfed all day with Ines"),
    (N, "Office hours with my mentee about negotiating her offer"),
]


def _id(case: object) -> str:
    values = case.values if hasattr(case, "values") else case  # type: ignore[attr-defined]
    return str(values[1])[:40]


@pytest.mark.parametrize(("purpose", "note"), CASES, ids=[_id(case) for case in CASES])
def test_hard_case(purpose: Purpose, note: str) -> None:
    found = classify(default_model(), note)
    assert found.purpose is purpose, (found.confidence, found.evidence)
    assert found.evidence
