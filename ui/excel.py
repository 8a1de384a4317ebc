import streamlit as st

st.title("Excel import and export")  # placeholder until its owner writes the page
