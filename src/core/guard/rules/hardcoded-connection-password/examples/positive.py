engine = create_engine("mysql://root:hunter2xyz@10.0.0.5/shop")  # ruleid
