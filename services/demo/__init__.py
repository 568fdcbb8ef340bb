"""``make demo``: a day of synthetic Minneapolis-like calls, replayed with crews acting."""
