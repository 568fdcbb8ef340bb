"""Assignment: matches each triaged call to the nearest available unit of each needed type."""
