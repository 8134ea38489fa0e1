"""OFD (GB/T 33190), the fixed-layout format of 电子公文: pages of text, path and image objects."""
