"""Officers building consultations (/admin/consultations): the list, a consultation's
details, its pages, questions and routes, the route check, the preview, opening and closing."""
