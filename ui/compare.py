import streamlit as st

st.title("Compare innovations")  # placeholder until its owner writes the page
