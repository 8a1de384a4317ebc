"""Questionnaire page: one section per screen, each answer saved the moment it changes.

The implementation lives in ui/questionnaire_page.py (imported, so compiled once per process).
"""

from ui.questionnaire_page import main

main()
