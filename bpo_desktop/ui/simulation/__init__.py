"""Simulation in the editor: setup dialog, worker-thread runs, results dock with charts, heat map,
token animation and scenario comparison. `install_simulation(window)` wires it all."""
