"""The network: connections and their evidence, links, interactions, degrees, routes and strength."""
