"""Template tags of the mobility app."""
