engine = create_engine(os.environ["DATABASE_URL"])
engine2 = create_engine("sqlite:///local.db")
