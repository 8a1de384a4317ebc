"""Entry point: page config, the catalogue and store (opened once per process), and navigation; pages live in ui/."""

import streamlit as st

from ui.navigation import navigation
from ui.state import load_catalogue, open_store

st.set_page_config(page_title="Scaling readiness", page_icon=":material/trending_up:", layout="wide")
catalogue = load_catalogue()
st.navigation(navigation(catalogue, open_store(catalogue))).run()
