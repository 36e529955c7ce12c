@CrossOrigin(origins = "*") // ruleid
class Api {}
