// chart-gallery: writes a page with every chart type, in light and dark, for review (placeholder).
print("not built yet")
