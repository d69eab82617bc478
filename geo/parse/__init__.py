"""From an article to places and claims: recognise, resolve, actors, dates, claims, the pipeline."""
