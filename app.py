"""Entry point: page config and navigation only; pages live in ui/."""

import streamlit as st

st.set_page_config(page_title="Scaling readiness", page_icon=":material/trending_up:", layout="wide")

pages = {
    "Assess": [
        st.Page("ui/home.py", title="Home", icon=":material/home:", default=True, url_path="home"),
        st.Page("ui/questionnaire.py", title="Questionnaire", icon=":material/edit_note:", url_path="questionnaire"),
        st.Page("ui/results.py", title="Results", icon=":material/radar:", url_path="results"),
    ],
    "Compare and share": [
        st.Page("ui/compare.py", title="Compare", icon=":material/compare:", url_path="compare"),
        st.Page("ui/excel.py", title="Excel import and export", icon=":material/table_view:", url_path="excel"),
    ],
    "About": [
        st.Page("ui/frameworks.py", title="Frameworks", icon=":material/menu_book:", url_path="frameworks"),
        st.Page("ui/method.py", title="Scoring method", icon=":material/info:", url_path="method"),
    ],
}
st.navigation(pages).run()
