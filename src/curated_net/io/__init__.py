"""Reading and writing other formats: LinkedIn exports, vCard, CSV, JSON, graph files."""
