"""Scaling-readiness self-assessment: the domain, importable without Streamlit (packages in docs/architecture.md)."""
