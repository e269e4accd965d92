"""The filters `cnet review` and `cnet prune mark|unmark` share: who a review or a bulk mark is about."""

from typing import Annotated

import typer

from .args import complete_tag

CompanyFilter = Annotated[
    str | None, typer.Option("--company", help="Only people whose company contains this text (any characters).")
]
TagFilter = Annotated[str | None, typer.Option("--tag", help="Only people with this tag.", autocompletion=complete_tag)]
ConnectedBeforeFilter = Annotated[
    str | None,
    typer.Option("--connected-before", metavar="DATE", help="Only connections made before DATE (YYYY[-MM[-DD]])."),
]
NeverContactedFilter = Annotated[
    bool, typer.Option("--never-contacted", help="Only people with no interaction of any kind.")
]
ScoreBelowFilter = Annotated[
    int | None,
    typer.Option("--score-below", min=0, max=101, metavar="N", help="Only people whose likely-known score is below N."),
]


def filters(company, tag, connected_before, never_contacted, score_below):
    from ..network.review import Filters

    return Filters(
        company=company,
        tag=tag,
        connected_before=connected_before,
        never_contacted=never_contacted,
        score_below=score_below,
    )
