"""A consultation's results for officers (/admin/consultations/<id>/results): counts and
percentages per question as charts and tables through disclosure control, filtered by area or
monitoring group, and the CSV and XLSX exports of the answers and of the counts."""
