print("inspect-bench")
