"""Theme coding of a consultation's free-text answers (officers): its codeframe, coding each
answer to themes with an analyst's note, counts by theme, and exports. The coding itself is
engage/core/themes.py, shared with other features."""
