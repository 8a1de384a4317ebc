"""The printed report of one assessment: content gathered from the domain, charts drawn by matplotlib, PDF by WeasyPrint.

* :mod:`assessments.report.content`: what the report says, in people's words;
* :mod:`assessments.report.radar_svg`: each framework's radar as SVG, the same content as the app's;
* :mod:`assessments.report.document`: the HTML document (every typed text escaped);
* :mod:`assessments.report.pdf`: the tagged PDF (PDF/UA-1), with nothing fetched from outside.
* :mod:`assessments.report.panel` (content), :mod:`~assessments.report.panel_charts`,
  :mod:`~assessments.report.panel_tables` and :mod:`~assessments.report.panel_html`: the panel pack
  of a comparison, through the same tagged PDF.

Import the submodules: this package's ``__init__`` loads neither matplotlib nor WeasyPrint.
"""
