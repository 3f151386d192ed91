"""Options several commands share: the engine settings a bureau sets (``--pledge-threshold``)."""

from __future__ import annotations

import click

from ipledger.codes import parse_money
from ipledger.errors import ValidationError
from ipledger.stats import DEFAULT_SETTINGS, StatsSettings

__all__ = ["settings_option"]


def _settings(_ctx: click.Context, _param: click.Parameter, value: str | None) -> StatsSettings:
    """The engine settings of ``--pledge-threshold`` (the defaults without it)."""
    if value is None:
        return DEFAULT_SETTINGS
    try:
        amount = parse_money(value)
    except ValidationError as error:
        raise ValidationError(
            value=value, column="--pledge-threshold", reason=error.reason
        ) from None
    return StatsSettings(pledge_high_value_threshold=amount)


settings_option = click.option(
    "--pledge-threshold",
    "settings",
    metavar="YUAN",
    default=None,
    callback=_settings,
    help="The single-pledge amount from which a pledged invention patent counts as "
    "high-value, written as in exchange files (10000000, 1000万, 0.1亿); default "
    f"{DEFAULT_SETTINGS.pledge_high_value_threshold:,.0f} yuan.",
)
"""``--pledge-threshold YUAN``, handed to the command as ``settings`` (`StatsSettings`)."""
