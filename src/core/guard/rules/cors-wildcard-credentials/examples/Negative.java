@CrossOrigin(origins = "https://app.example.com")
class Api {}
