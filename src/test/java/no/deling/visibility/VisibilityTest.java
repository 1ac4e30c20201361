package no.deling.visibility;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.Set;
import no.deling.posts.PostView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The visibility rule as a matrix, as gotosocial tests its visibility filter: every kind of post
 * against every kind of viewer, for "may see" and "on home".
 */
class VisibilityTest {
  private static final String SALES = "sales-group";
  private static final String KOTLIN = "kotlin-group";
  /** sales is private (alice, bob, frank members); kotlin is open (alice member). */
  private static final Visibility.Memberships GROUPS = new Visibility.Memberships() {
    private final Map<String, Set<String>> members = Map.of(SALES, Set.of("alice", "bob", "frank"), KOTLIN, Set.of("alice"));

    @Override
    public boolean isPrivate(String group) {
      return SALES.equals(group);
    }

    @Override
    public boolean isMember(String group, String user) {
      return members.getOrDefault(group, Set.of()).contains(user);
    }
  };
  /** carol follows alice; dave follows #java; frank follows bob and keeps sales off his home. */
  private static final Visibility.Follows FOLLOWS = new Visibility.Follows() {
    @Override
    public boolean followsUser(String viewer, String author) {
      return (viewer.equals("carol") && author.equals("alice")) || (viewer.equals("frank") && author.equals("bob"));
    }

    @Override
    public boolean followsAnyTopic(String viewer, String[] tags) {
      return viewer.equals("dave") && Set.of(tags).contains("java");
    }

    @Override
    public boolean mutesGroup(String viewer, String group) {
      return viewer.equals("frank") && group.equals(SALES);
    }
  };

  @ParameterizedTest(name = "{0} post by {1}, viewer {2}: maySee={3} onHome={4}")
  @CsvSource({
      // audience, author, viewer, maySee, onHome
      "public,  alice, alice, true,  true",
      "public,  alice, carol, true,  true",   // follows the author
      "public,  alice, dave,  true,  true",   // follows #java
      "public,  alice, erin,  true,  false",  // follows nothing
      "sales,   alice, bob,   true,  true",   // member: on home without following
      "sales,   alice, carol, false, false",  // follows the author, not a member
      "sales,   alice, dave,  false, false",  // follows the topic, not a member
      "sales,   alice, erin,  false, false",
      "sales,   alice, frank, true,  false",  // a member who keeps the group off his home
      "sales,   bob,   frank, true,  true",   // ... still gets the posts of someone he follows
      "kotlin,  alice, carol, true,  true",   // open group: public, reaches the author's followers
      "kotlin,  alice, erin,  true,  false",
      "kotlin,  alice, bob,   true,  false",
      "deleted, alice, alice, false, false",  // deleted: nobody, not even the author
      "deleted, alice, carol, false, false",
  })
  void matrix(String audience, String author, String viewer, boolean maySee, boolean onHome) throws Exception {
    PostView post = post(author, switch (audience.trim()) {
      case "sales" -> SALES;
      case "kotlin" -> KOTLIN;
      default -> null;
    });
    if (audience.trim().equals("deleted")) post.deleted = true;
    assertEquals(maySee, Visibility.maySee(viewer, post, GROUPS), "maySee");
    assertEquals(onHome, Visibility.onHome(viewer, post, FOLLOWS, GROUPS), "onHome");
  }

  @ParameterizedTest(name = "a deleted {0} post: {1} hears of the delete = {2}")
  @CsvSource({"public, erin, true", "sales, bob, true", "sales, carol, false"})
  void deleteNotices_reachOnlyThoseWhoCouldSeeThePost(String audience, String viewer, boolean hears) throws Exception {
    PostView post = post("alice", audience.equals("sales") ? SALES : null);
    post.deleted = true;
    assertEquals(hears, Visibility.mayHearOfDelete(viewer, post, GROUPS));
  }

  @ParameterizedTest
  @CsvSource({"nobody", "''"})
  void nullOrUnknownPosts_areSeenByNobody(String viewer) {
    assertEquals(false, Visibility.maySee(viewer, null, GROUPS));
  }

  private static PostView post(String author, String group) throws Exception {
    Constructor<PostView> c = PostView.class.getDeclaredConstructor(long.class, String.class, long.class, long.class, long.class, long.class, String.class, String.class);
    c.setAccessible(true);
    PostView p = c.newInstance(1L, author, 0L, 1L, 0L, 1L, group, null);
    p.setText("#java");
    p.hashtags = new String[] {"java"};
    p.mentions = new String[0];
    p.links = new String[0];
    return p;
  }
}
