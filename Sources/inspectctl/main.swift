print("inspectctl")
