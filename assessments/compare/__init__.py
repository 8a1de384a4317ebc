"""Compare candidate innovations: profiles, the screen, dominance tiers, an optional ordering inside one framework,
their sensitivity, tables, charts, the workbook and the JSON form. Nothing here adds frameworks together."""
