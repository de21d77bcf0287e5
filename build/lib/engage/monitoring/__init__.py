"""Equality monitoring: the optional 2021 Census and Social Mobility Commission questions,
answers kept in their own table, disclosure control for anything published, and Census 2021
baselines to compare against.

- ``questions``: the questions as data (one source of truth)
- ``models``: ``MonitoringResponse``
- ``forms``: ``MonitoringForm`` (rendered by ``templates/monitoring/_questions.html``)
- ``services``: save, erase and count answers; audit views of aggregates
- ``disclosure``: ``publish_table``, which every published or exported table goes through
- ``census`` / ``census_files``: population counts and shares for the six local authorities
- ``comparison``: respondents beside the population, with the under-representation rule
- ``access``: the ``equality_data`` access rule
"""
