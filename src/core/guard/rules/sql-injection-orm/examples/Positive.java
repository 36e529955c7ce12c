@RestController
public class ItemController {
  @GetMapping("/items")
  public List<Item> items(@RequestParam String owner) {
    return em.createQuery("SELECT i FROM Item i WHERE i.owner = '" + owner + "'").getResultList(); // ruleid
  }
}
