"""chainrule's neural-network layer, built from scalar ``autograd.Value`` neurons."""
