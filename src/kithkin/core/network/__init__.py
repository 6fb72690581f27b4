"""The network: who knows whom, how strongly, and the warm paths through it (pure logic)."""
