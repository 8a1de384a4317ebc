"""The assessment workbook format: writing an assessment (or the blank template) to xlsx and reading it back strictly."""
