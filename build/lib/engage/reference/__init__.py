"""Reference data shared by every feature: the city region's six local authorities."""
