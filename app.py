"""Entry point: page config, the catalogue and store (opened once per process), who is here, and their pages.

Pages live in ui/; which ones a person gets follows the mode and their roles (ui/people.py, ui/navigation.py).
"""

from pathlib import Path

import streamlit as st

from ui.navigation import navigation
from ui.people import identify, refuse_if_open
from ui.printing import print_styles
from ui.state import load_catalogue, open_store

st.set_page_config(
    page_title="Scaling readiness", page_icon=str(Path(__file__).parent / "ui" / "assets" / "icon.png"), layout="wide"
)
refuse_if_open()
print_styles()
catalogue = load_catalogue()
store = open_store(catalogue)
person = identify(store)
st.navigation(navigation(catalogue, store, person), position="sidebar" if person.signed_in else "hidden").run()
