"""Compare: the weights panel of an ordering inside one framework (its sections' weights, reset, and the workspace's
named profiles, which keep every framework's weights)."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from assessments.compare.weights import (
    DEFAULT_WEIGHT,
    MAX_WEIGHT,
    MIN_WEIGHT,
    default_weights,
    validate_profile_name,
    validate_weights,
    weight_keys,
    weight_labels,
)
from assessments.errors import InputError
from assessments.models import Framework
from assessments.store import Store
from ui import keys as k
from ui.widgets import md, show_problems


def _weight_state_key(key: str) -> str:
    return k.COMPARE_WEIGHT.format(key=key)


def _set_weights(weights: dict[str, float]) -> None:
    for key, value in weights.items():
        st.session_state[_weight_state_key(key)] = float(value)


def _load_profile(profiles: dict[str, dict[str, float]], frameworks: Mapping[str, Framework]) -> None:
    name = st.session_state.get(k.COMPARE_PROFILE)
    if not name or name not in profiles:
        return
    try:
        weights = validate_weights({k: v for k, v in profiles[name].items()}, frameworks)
    except InputError as exc:
        st.session_state[k.COMPARE_PROFILE_MSG] = ("error", exc.problems)
        return
    _set_weights(weights)
    st.session_state[k.COMPARE_PROFILE_MSG] = ("ok", f"Loaded the weights of profile '{md(name)}'.")


def weights_panel(
    store: Store, frameworks: Mapping[str, Framework], workspace: str | None, framework_id: str
) -> dict[str, float]:
    """Number inputs per section of one framework (defaults shown), reset, and the workspace's named profiles.

    ``workspace`` is the commissioner workspace whose profiles are offered and saved (None: the person's only one).
    Only ``framework_id``'s sections are shown; a saved profile keeps the weights of every framework.

    Returns:
        Valid weights for every section key (the ordering uses those of ``framework_id`` only).
    """
    keys = weight_keys(frameworks)
    labels = weight_labels(frameworks)
    for key in keys:
        st.session_state.setdefault(_weight_state_key(key), DEFAULT_WEIGHT)
    st.markdown("**Your weights**")
    st.caption(
        f"One weight per section of this framework, {MIN_WEIGHT:g}-{MAX_WEIGHT:g}; the default is {DEFAULT_WEIGHT:g} "
        "for every section (equal). Weighting is your editorial choice: none of the frameworks defines one."
    )
    for fid, fw in frameworks.items():
        if fid != framework_id:
            continue
        cols = st.columns(min(len(fw.sections), 4))
        for i, section in enumerate(fw.sections):
            key = f"{fid}.{section.id}"
            cols[i % len(cols)].number_input(
                labels[key].split(": ", 1)[-1],
                min_value=MIN_WEIGHT,
                max_value=MAX_WEIGHT,
                step=0.5,
                key=_weight_state_key(key),
                help=f"Weight for '{labels[key]}' (key {key}); default {DEFAULT_WEIGHT:g}.",
            )
    raw = {key: st.session_state[_weight_state_key(key)] for key in keys}
    buttons = st.columns([1, 2, 1, 2, 1], vertical_alignment="bottom")
    buttons[0].button(
        "Reset weights",
        key=k.COMPARE_RESET,
        on_click=_set_weights,
        args=(default_weights(frameworks),),
        help=f"Set every weight, in every framework, back to {DEFAULT_WEIGHT:g} (equal).",
    )
    profiles = store.weight_profiles(workspace=workspace)
    buttons[1].selectbox(
        "Saved profile", list(profiles), index=None, key=k.COMPARE_PROFILE, placeholder="Choose a profile"
    )
    buttons[2].button(
        "Load profile",
        key=k.COMPARE_LOAD,
        on_click=_load_profile,
        args=(profiles, frameworks),
        disabled=not profiles,
    )
    buttons[3].text_input("Profile name", key=k.COMPARE_PROFILE_NAME, placeholder="e.g. Prevention first")
    if buttons[4].button("Save as profile", key=k.COMPARE_SAVE):
        try:
            name = validate_profile_name(st.session_state.get(k.COMPARE_PROFILE_NAME) or "")
            store.save_weight_profile(name, validate_weights(raw, frameworks), workspace=workspace)
            st.session_state[k.COMPARE_PROFILE_MSG] = ("ok", f"Saved the weights as profile '{md(name)}'.")
            st.rerun()
        except InputError as exc:
            st.session_state[k.COMPARE_PROFILE_MSG] = ("error", exc.problems)
    message = st.session_state.pop(k.COMPARE_PROFILE_MSG, None)
    if message and message[0] == "ok":
        st.success(message[1])
    elif message:
        show_problems(message[1], "The profile was not saved.")
    try:
        return validate_weights(raw, frameworks)
    except InputError as exc:
        show_problems(exc.problems, "The weights cannot be used; the ordering uses equal weights until they are fixed.")
        return default_weights(frameworks)
