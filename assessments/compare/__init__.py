"""Compare candidate innovations: candidates, weights, the weighted ranking, side-by-side tables, charts and the workbook."""
