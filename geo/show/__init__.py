"""What a person sees: the page's view state, place search, corrections, the map, exports."""
