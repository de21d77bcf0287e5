"""Commissioning opportunities: officers publish engagement commissions, grants and
contracts; matching organisations' editors who asked for them are emailed; organisations
register interest or apply; officers record the awards, from which the strategy's measure of
diverse-led community suppliers is reported by financial year."""
