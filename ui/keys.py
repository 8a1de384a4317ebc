"""Every page URL path, URL query parameter and session-state key the app uses, in one place.

Templates (``...{framework}``) are filled with ``str.format``; a key is never spelt out in a page.
"""

from __future__ import annotations

# Pages (``st.Page`` url paths; each matches its module's file name, ui/<path>.py).
PAGE_HOME = "home"
PAGE_QUESTIONNAIRE = "questionnaire"
PAGE_RESULTS = "results"
PAGE_COMPARE = "compare"
PAGE_EXCEL = "excel"
PAGE_FRAMEWORKS = "frameworks"
PAGE_METHOD = "method"
PAGE_SHARING = "sharing"
PAGE_ADMIN = "admin"
PAGE_LINK = "link"
PAGE_SIGN_IN = "sign_in"

# URL query parameters.
QP_ASSESSMENT = "a"
"""The open assessment's id."""
QP_TOKEN = "t"
"""A share link's token (``/link?t=...``); only its hash is stored."""
QP_WORKSPACE = "w"
"""The workspace id a page works in, for people with roles in several."""
QP_SECTION = "s"
"""The open questionnaire step (``framework.section``, or :data:`DETAILS_STEP`)."""
DETAILS_STEP = "details"
"""The questionnaire step (and ``s=`` value) of the innovation's and assessment's details."""
QP_NOTES = "n"
"""``n=1`` shows the note and evidence fields under every question."""

# Shared state.
SS_LAST_ASSESSMENT = "state:last_assessment"
"""The assessment opened last in this browser tab."""

# Home.
HOME_SEARCH = "home:search"
HOME_PICK = "home:pick"
HOME_EXAMPLES_MSG = "home:examples_msg"
HOME_LOAD_EXAMPLES = "home:load_examples"
HOME_TABLE = "home:table"
HOME_OPEN = "home:open"
HOME_FOLLOW_UP = "home:follow_up"
HOME_NEW = "home:new"
"""Form key, and prefix of the details widgets of a new assessment."""
HOME_WORKSPACE = "home:new:workspace"
"""The workspace a new assessment goes to (asked only of innovators in several)."""
HOME_MSG = "home:msg"
"""What the last archive, restore or deletion did, shown once on the next run."""
HOME_RESULTS = "home:results"
HOME_ARCHIVE = "home:archive"
HOME_DELETE_CONFIRM = "home:delete_confirm:{aid}"
HOME_DELETE = "home:delete"
HOME_ARCHIVED_TABLE = "home:archived_table"
HOME_ARCHIVED_PICK = "home:archived_pick"
HOME_RESTORE = "home:restore"
HOME_EXAMPLES_TABLE = "home:examples_table"
HOME_EXAMPLES_PICK = "home:examples_pick"
HOME_EXAMPLES_OPEN = "home:examples_open"
HOME_EXAMPLES_RESULTS = "home:examples_results"

# Signing in and out.
PEOPLE_SIGN_IN = "people:sign_in"
PEOPLE_SIGN_OUT = "people:sign_out"

# Workspace admin.
ADMIN_WORKSPACE = "admin:workspace"
ADMIN_MSG = "admin:msg"
ADMIN_MEMBERS = "admin:members"
ADMIN_ADD = "admin:add"
ADMIN_ADD_EMAIL = "admin:add:email"
ADMIN_ADD_ROLE = "admin:add:role"
ADMIN_REMOVE = "admin:remove"
ADMIN_REMOVE_PICK = "admin:remove:pick"
ADMIN_REMOVE_CONFIRM = "admin:remove:confirm"
ADMIN_CREATE = "admin:create"
ADMIN_CREATE_NAME = "admin:create:name"
ADMIN_AUDIT = "admin:audit"

# Details widgets (``ui.widgets.details_inputs``), under a prefix.
DETAILS_FIELD = "{prefix}:{field}"

# Questionnaire.
Q_STATUS = "q:{aid}:status"
"""The last save's time, problems and place, per assessment."""
Q_NAV = "q:{aid}:nav"
Q_ANSWER = "q:{aid}:{framework}:{item}:{part}"
"""One item's widget: ``part`` is value, note or evidence."""
Q_DETAILS = "d:{aid}"
"""Prefix of the details widgets of an open assessment."""
Q_DETAILS_FORM = "d:{aid}:form"

# Results.
RESULTS_LEVEL = "results:level:{framework}"
RESULTS_CHART = "results:chart:{framework}"
RESULTS_TABLE = "results:table:{framework}"
RESULTS_CHANGES = "results:changes:{framework}"

# Compare.
COMPARE_EARLIER = "compare:earlier"
COMPARE_PICK = "compare:pick"
COMPARE_UPLOAD = "compare:upload"
COMPARE_STAGES = "compare:stages"
COMPARE_ROLES = "compare:roles"
COMPARE_FROM = "compare:from"
COMPARE_TO = "compare:to"
COMPARE_WEIGHT = "compare:weight:{key}"
COMPARE_PROFILE = "compare:profile"
COMPARE_PROFILE_NAME = "compare:profile_name"
COMPARE_PROFILE_MSG = "compare:profile_msg"
COMPARE_SORT_COMPLEX = "compare:sort_complex"
COMPARE_XLSX = "compare:xlsx"
COMPARE_BUILD = "compare:build_xlsx"
COMPARE_RESET = "compare:reset"
COMPARE_LOAD = "compare:load"
COMPARE_SAVE = "compare:save"
COMPARE_RANKING = "compare:ranking"
COMPARE_DOWNLOAD = "compare:download"
COMPARE_EVIDENCE = "compare:evidence"
COMPARE_SUMMARY = "compare:summary"
COMPARE_RADAR = "compare:radar:{framework}"
COMPARE_RADAR_TABLE = "compare:rt:{framework}"
COMPARE_GRID = "compare:grid:{framework}"
COMPARE_GRID_TABLE = "compare:gt:{framework}"
COMPARE_HEAT = "compare:heat:{framework}"
COMPARE_HEAT_TABLE = "compare:ht:{framework}"

# Excel.
EXCEL_PICK = "excel:pick"
EXCEL_DOWNLOAD = "excel:download"
EXCEL_TEMPLATE = "excel:template"
EXCEL_UPLOAD = "excel:upload:{generation}"
EXCEL_UPLOAD_GENERATION = "excel:upload_generation"
EXCEL_CONFIRM = "excel:confirm"
EXCEL_DONE = "excel:done"
EXCEL_OPEN = "excel:open:{index}"

# Frameworks.
FRAMEWORKS_PICK = "frameworks:pick"
FRAMEWORKS_SEARCH = "frameworks:search"
