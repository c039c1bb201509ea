# floor
