"""What other packages may use of the tracker: nothing. It only gathers from the features
(each through its ``api``) for its own pages; the annual report reads the success measures'
values from ``engage.strategy.api.measure_values_for_year``."""
