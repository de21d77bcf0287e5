"""Who a consultation heard from, against the Census, and who could help reach the rest."""
