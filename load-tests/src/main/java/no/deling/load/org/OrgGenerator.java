package no.deling.load.org;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Invents an organisation and a stretch of its life, deterministically from {@link OrgSpec#seed}.
 *
 * <p>Shape, and why: follower counts are heavy-tailed (popularity is Pareto-distributed and a few
 * leaders get a large boost, so a handful of people are followed by most of the company while most
 * are followed by a few dozen); two thirds of follows stay inside a department; hashtags are chosen
 * with Zipf-like popularity; posting follows a working day (quiet nights, a lunch dip); a quarter
 * of posts are replies to something recent, and questions draw answers from colleagues, most of
 * which the asker accepts; some posts are ideas; colleagues endorse each other's skills (mostly
 * citing a post) and save links to the library, popular pages again and again.
 */
public final class OrgGenerator {
  /** Relative activity per hour of the day (UTC), a working day with a lunch dip. */
  static final double[] HOURLY = {
    0.02, 0.01, 0.01, 0.01, 0.01, 0.03, 0.10, 0.35, 0.80, 1.00, 1.00, 0.95,
    0.55, 0.90, 1.00, 0.95, 0.80, 0.55, 0.25, 0.15, 0.10, 0.07, 0.05, 0.03
  };
  static final double IN_DEPARTMENT = 0.65;
  static final double QUESTION_SHARE = 0.08;
  static final double IDEA_SHARE = 0.02;
  /** Of questions with answers, the share whose asker accepts one. */
  static final double ACCEPTED_SHARE = 0.6;
  /** Skill endorsements and library bookmarks per person per day. */
  static final double SKILLS_PER_PERSON_DAY = 0.05;
  static final double BOOKMARKS_PER_PERSON_DAY = 0.1;
  /** Of skill endorsements, the share that cites a post as evidence. */
  static final double WITH_EVIDENCE = 0.7;
  static final double REPLY_SHARE = 0.25;
  /** Polls asked, and posts saved for later, per person per day; how many vote in a poll, on average. */
  static final double POLLS_PER_PERSON_DAY = 0.01;
  static final double SAVES_PER_PERSON_DAY = 0.05;
  static final double VOTERS_PER_POLL = 8;
  /** Open interest groups (one per popular topic), and the share of people who join each. */
  static final int INTEREST_GROUPS = 8;
  static final double JOINS_INTEREST_GROUP = 0.05;
  /** The most popular topics that get an owner. */
  static final int OWNED_TOPICS = 5;
  /** The topics after the owned ones that an enthusiast offers to look after. */
  static final int OFFERED_TOPICS = 3;
  /** Posts into groups per person per day, and the share of those into their own team's (private) group. */
  static final double GROUP_POSTS_PER_PERSON_DAY = 0.2;
  static final double INTO_TEAM = 0.7;
  /** Posts a team's build server makes into the team's group per working day. */
  static final double TOOL_POSTS_PER_TEAM_DAY = 4;
  private static final List<List<String>> POLL_OPTIONS = List.of(
      List.of("Monday", "Wednesday", "Friday"), List.of("Yes", "No", "Not sure yet"), List.of("In the office", "Remote", "Either"),
      List.of("Option A", "Option B"), List.of("This quarter", "Next quarter", "Later", "Never"));

  private static final String[] DEPARTMENTS = {
    "Engineering", "Sales", "Operations", "Customer Support", "Marketing", "Finance", "Product", "People",
    "Legal", "Research", "Design", "IT"
  };
  private static final String[] LOCATIONS = {"Oslo", "Bergen", "Trondheim", "Stockholm", "Berlin", "Remote", "London"};
  private static final String[] FIRST = {
    "Ada", "Bjørn", "Camilla", "Dag", "Eva", "Frode", "Guro", "Håkon", "Ingrid", "Jonas", "Kari", "Lars", "Maja",
    "Nils", "Olav", "Pia", "Rune", "Siri", "Tone", "Ulf", "Vilde", "Åse", "Emil", "Nora"
  };
  private static final String[] LAST = {
    "Berg", "Dahl", "Eide", "Haugen", "Hansen", "Johansen", "Lie", "Moen", "Nilsen", "Olsen", "Solberg", "Strand",
    "Vik", "Aas", "Bakke", "Lund"
  };
  private static final String[] TOPIC_WORDS = {
    "release", "security", "hiring", "kotlin", "java", "sales", "onboarding", "customers", "roadmap", "incident",
    "design", "quarterly", "wellbeing", "ai", "cloud", "data", "support", "marketing", "finance", "ops"
  };
  private static final String[] OPENERS = {
    "Shipped", "Great session on", "Lessons from", "Quick update on", "Thanks everyone who helped with",
    "Reminder about", "New doc on", "Celebrating", "Retro notes from", "Looking for feedback on"
  };
  private static final String[] QUESTIONS = {
    "Does anyone know how we handle", "Who owns", "What is the best way to approach", "Has anyone tried",
    "Where can I find the latest on"
  };

  private static final String[] IDEAS = {
    "Idea: a shared calendar for", "Proposal: let us automate", "What if we ran a monthly demo day for", "Idea: one wiki page per team about"
  };

  private OrgGenerator() {}

  public static Org generate(OrgSpec spec) {
    Random random = new Random(spec.seed());
    int n = spec.people();
    String[] topics = topics(spec.topics());
    double[] topicWeights = zipfWeights(topics.length, 1.1);

    // ---------------------------------------------------------------- people
    double[] deptWeights = zipfWeights(spec.departments(), 0.7);
    double[] locationWeights = zipfWeights(spec.locations(), 0.9);
    double[] popularity = new double[n];
    double[] activity = new double[n];
    int[] dept = new int[n];
    List<Person> people = new ArrayList<>(n);
    int leaders = Math.max(1, n / 200);
    double[] deptCumWeights = cumulative(deptWeights);
    double[] locationCum = cumulative(locationWeights);
    double[] topicCum = cumulative(topicWeights);
    for (int i = 0; i < n; i++) {
      dept[i] = i < spec.departments() ? i : pick(random, deptCumWeights);
      int location = pick(random, locationCum);
      popularity[i] = pareto(random, 1.1) * (i < leaders ? 400 : 1);
      activity[i] = pareto(random, 1.6) * (i < leaders ? 3 : 1);
      String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
      String title = i < leaders ? (i == 0 ? "Chief Executive Officer" : "Director") : title(random);
      people.add(new Person(String.format("emp%05d", i), name, departmentName(dept[i]), locationName(location), title));
    }

    List<Action> actions = new ArrayList<>();
    Instant start = spec.start();
    // Everyone's first visit and their follows happen "before the day starts", in this order.
    long setupMillis = 0;
    for (Person p : people) actions.add(new Action.Join(start.plusMillis(setupMillis++), p));

    // ---------------------------------------------------------------- follow graph
    double[] globalCum = cumulative(popularity);
    List<List<Integer>> byDept = new ArrayList<>();
    for (int d = 0; d < spec.departments(); d++) byDept.add(new ArrayList<>());
    for (int i = 0; i < n; i++) byDept.get(dept[i]).add(i);
    double[][] deptCum = new double[spec.departments()][];
    for (int d = 0; d < spec.departments(); d++) {
      List<Integer> members = byDept.get(d);
      double[] w = new double[members.size()];
      for (int k = 0; k < w.length; k++) w[k] = popularity[members.get(k)];
      deptCum[d] = cumulative(w);
    }
    List<List<Integer>> followersOf = new ArrayList<>(n);
    for (int i = 0; i < n; i++) followersOf.add(new ArrayList<>());
    for (int i = 0; i < n; i++) {
      int degree = (int) Math.round(Math.exp(Math.log(30) + 0.8 * random.nextGaussian()));
      degree = Math.max(1, Math.min(degree, n - 1));
      Set<Integer> chosen = new HashSet<>();
      List<Integer> members = byDept.get(dept[i]);
      for (int attempt = 0; chosen.size() < degree && attempt < degree * 4; attempt++) {
        int j = random.nextDouble() < IN_DEPARTMENT && members.size() > 1
            ? members.get(pick(random, deptCum[dept[i]]))
            : pick(random, globalCum);
        if (j != i && chosen.add(j)) {
          actions.add(new Action.FollowUser(start.plusMillis(setupMillis++), people.get(i).id(), people.get(j).id()));
          followersOf.get(j).add(i);
        }
      }
      int topicCount = Math.min(topics.length, poisson(random, 2.5));
      Set<Integer> tags = new HashSet<>();
      for (int attempt = 0; tags.size() < topicCount && attempt < topicCount * 4; attempt++) {
        int t = pick(random, topicCum);
        if (tags.add(t)) actions.add(new Action.FollowTopic(start.plusMillis(setupMillis++), people.get(i).id(), topics[t]));
      }
    }

    // ---------------------------------------------------------------- activity
    double[] activityCum = cumulative(activity);
    double[] hourCum = cumulative(HOURLY);
    int refs = 0;
    List<Action.Publish> published = new ArrayList<>();
    List<Integer> authors = new ArrayList<>();
    for (int day = 0; day < spec.days(); day++) {
      Instant midnight = start.plus(Duration.ofDays(day));
      int posts = (int) Math.round(n * spec.postsPerPersonPerDay());
      long[] times = new long[posts];
      for (int k = 0; k < posts; k++) {
        int hour = pick(random, hourCum);
        times[k] = midnight.toEpochMilli() + Math.max(setupMillis, hour * 3_600_000L + (long) (random.nextDouble() * 3_600_000L));
      }
      Arrays.sort(times);
      int dayFirst = published.size();
      for (long t : times) {
        int author = pick(random, activityCum);
        Instant at = Instant.ofEpochMilli(t);
        double kind = random.nextDouble();
        Action.Publish parent = kind < REPLY_SHARE ? recent(random, published, dayFirst, at) : null;
        String ref = "p" + refs++;
        Action.Publish post;
        if (parent != null) {
          post = new Action.Publish(at, people.get(author).id(), ref, replyText(random), parent.ref(), null);
        } else if (kind < REPLY_SHARE + QUESTION_SHARE) {
          String tag = topics[pick(random, topicCum)];
          post = new Action.Publish(at, people.get(author).id(), ref,
              QUESTIONS[random.nextInt(QUESTIONS.length)] + " #" + tag + "?", null, "question"); // the kind marks it, not a tag
        } else if (kind < REPLY_SHARE + QUESTION_SHARE + IDEA_SHARE) {
          String tag = topics[pick(random, topicCum)];
          post = new Action.Publish(at, people.get(author).id(), ref,
              IDEAS[random.nextInt(IDEAS.length)] + " #" + tag, null, "idea");
        } else {
          post = new Action.Publish(at, people.get(author).id(), ref, postText(random, topics, topicCum, people, followersOf, author), null, null);
        }
        published.add(post);
        authors.add(author);
      }
    }
    // answers to questions come from the asker's department, minutes to an hour later; most askers accept one
    List<Action.Publish> answers = new ArrayList<>();
    List<Integer> answerAuthors = new ArrayList<>();
    List<Action> accepted = new ArrayList<>();
    for (int k = 0; k < published.size(); k++) {
      Action.Publish q = published.get(k);
      if (!q.question()) continue;
      int count = 1 + random.nextInt(3);
      List<Integer> colleagues = byDept.get(dept[authors.get(k)]);
      for (int a = 0; a < count; a++) {
        int who = colleagues.size() > 1 ? colleagues.get(random.nextInt(colleagues.size())) : random.nextInt(n);
        if (people.get(who).id().equals(q.actor())) continue;
        Instant at = q.at().plusSeconds(300 + random.nextInt(3_300));
        Action.Publish answer = new Action.Publish(at, people.get(who).id(), "p" + refs++,
            "@" + q.actor() + " we keep that in the team wiki, happy to walk you through it", q.ref(), null);
        answers.add(answer);
        answerAuthors.add(who);
        if (a == 0 && random.nextDouble() < ACCEPTED_SHARE) {
          accepted.add(new Action.Accept(at.plusSeconds(600 + random.nextInt(6_600)), q.actor(), q.ref(), answer.ref(), answer.actor()));
        }
      }
    }
    actions.addAll(accepted);
    published.addAll(answers);
    authors.addAll(answerAuthors);
    actions.addAll(published);

    // endorsements: mostly from the author's followers, popular authors draw more
    double meanPopularity = Arrays.stream(popularity).average().orElse(1);
    for (int k = 0; k < published.size(); k++) {
      Action.Publish p = published.get(k);
      int author = authors.get(k);
      double mean = spec.endorsementsPerPost() * Math.min(20, Math.sqrt(popularity[author] / meanPopularity));
      int count = poisson(random, mean);
      List<Integer> fans = followersOf.get(author);
      Set<Integer> endorsers = new HashSet<>();
      for (int attempt = 0; endorsers.size() < count && attempt < count * 4; attempt++) {
        int who = !fans.isEmpty() && random.nextDouble() < 0.8 ? fans.get(random.nextInt(fans.size())) : random.nextInt(n);
        if (who != author && endorsers.add(who)) {
          long delay = (long) (-Math.log(1 - random.nextDouble()) * 1_800_000L);
          actions.add(new Action.Endorse(p.at().plusMillis(1 + delay), people.get(who).id(), p.ref(), p.actor()));
        }
      }
    }

    // skill endorsements: mostly by a follower, mostly citing a post of theirs on the topic
    List<Integer> tagged = new ArrayList<>();
    for (int k = 0; k < published.size(); k++) {
      if (published.get(k).parentRef() == null && !no.deling.posts.PostText.hashtags(published.get(k).text()).isEmpty()) tagged.add(k);
    }
    int skills = tagged.isEmpty() ? 0 : (int) Math.round(n * spec.days() * SKILLS_PER_PERSON_DAY);
    Set<String> vouched = new HashSet<>(); // one endorsement per colleague, person and topic
    for (int s = 0; s < skills; s++) {
      int k = tagged.get(random.nextInt(tagged.size()));
      Action.Publish p = published.get(k);
      int user = authors.get(k);
      List<Integer> fans = followersOf.get(user);
      int by = !fans.isEmpty() && random.nextDouble() < 0.8 ? fans.get(random.nextInt(fans.size())) : random.nextInt(n);
      if (by == user) continue;
      String topic = no.deling.posts.PostText.hashtags(p.text()).get(0);
      if (!vouched.add(by + " " + user + " " + topic)) continue;
      Instant at = p.at().plusSeconds(60 + random.nextInt(7_200));
      actions.add(new Action.EndorseSkill(at, people.get(by).id(), p.actor(), topic, random.nextDouble() < WITH_EVIDENCE ? p.ref() : null));
    }
    // bookmarks: a few hundred pages, a handful of them saved again and again
    double[] pageCum = cumulative(zipfWeights(500, 1.0));
    int bookmarks = (int) Math.round(n * spec.days() * BOOKMARKS_PER_PERSON_DAY);
    Set<String> saved = new HashSet<>(); // one bookmark per person and page
    for (int b = 0; b < bookmarks; b++) {
      int who = pick(random, activityCum);
      int page = pick(random, pageCum);
      if (!saved.add(who + " " + page)) continue;
      Instant at = start.plus(Duration.ofDays(random.nextInt(spec.days()))).plusMillis(setupMillis + (long) (random.nextDouble() * 86_000_000L));
      String tag = topics[pick(random, topicCum)];
      actions.add(new Action.Bookmark(at, people.get(who).id(), "https://wiki.example/page/" + page, List.of(tag),
          random.nextBoolean() ? "Useful for " + tag : null));
    }

    // polls: now and then someone asks; colleagues, mostly in the asker's department, vote within hours
    // (drawn after everything above, so an organisation generated before polls existed stays the same up to here)
    int polls = (int) Math.round(n * spec.days() * POLLS_PER_PERSON_DAY);
    for (int k = 0; k < polls; k++) {
      int who = pick(random, activityCum);
      Instant at = start.plus(Duration.ofDays(random.nextInt(spec.days()))).plusMillis(setupMillis + (long) (random.nextDouble() * 86_000_000L));
      List<String> options = POLL_OPTIONS.get(random.nextInt(POLL_OPTIONS.size()));
      Action.Publish poll = new Action.Publish(at, people.get(who).id(), "p" + refs++,
          "Quick poll on #" + topics[pick(random, topicCum)] + ": which works best for you?", null, "poll", options);
      actions.add(poll);
      List<Integer> colleagues = byDept.get(dept[who]);
      int voters = poisson(random, VOTERS_PER_POLL);
      Set<Integer> voted = new HashSet<>();
      for (int attempt = 0; voted.size() < voters && attempt < voters * 4; attempt++) {
        int voter = colleagues.size() > 1 && random.nextDouble() < IN_DEPARTMENT ? colleagues.get(random.nextInt(colleagues.size())) : random.nextInt(n);
        if (voted.add(voter)) {
          actions.add(new Action.Vote(at.plusSeconds(30 + random.nextInt(14_400)), people.get(voter).id(), poll.ref(), random.nextInt(options.size())));
        }
      }
    }
    // saved for later: a post someone comes across within a day of its writing
    int saves = (int) Math.round(n * spec.days() * SAVES_PER_PERSON_DAY);
    Set<String> kept = new HashSet<>(); // one save per person and post
    for (int k = 0; k < saves && !published.isEmpty(); k++) {
      Action.Publish p = published.get(random.nextInt(published.size()));
      int who = pick(random, activityCum);
      if (kept.add(who + " " + p.ref())) actions.add(new Action.Save(p.at().plusSeconds(60 + random.nextInt(86_400)), people.get(who).id(), p.ref()));
    }

    // groups: every department has its private team group (its first person owns it, everyone in it
    // is invited and accepts) with a build server posting into it, and a few open interest groups
    // draw a share of everyone; members post into them (drawn last, so an organisation generated
    // before groups existed stays the same up to here)
    int groupRefs = 0;
    List<String> teamGroups = new ArrayList<>();
    List<String> teamOwners = new ArrayList<>();
    List<String> openGroups = new ArrayList<>();
    List<List<String>> groupsOf = new ArrayList<>(n);
    for (int i = 0; i < n; i++) groupsOf.add(new ArrayList<>());
    for (int d = 0; d < spec.departments(); d++) {
      List<Integer> members = byDept.get(d);
      if (members.isEmpty()) continue;
      String owner = people.get(members.get(0)).id();
      String ref = "g" + groupRefs++;
      actions.add(new Action.CreateGroup(start.plusMillis(setupMillis++), owner, ref, departmentName(d) + " team", true));
      teamGroups.add(ref);
      teamOwners.add(owner);
      groupsOf.get(members.get(0)).add(0, ref);
      for (int k = 1; k < members.size(); k++) {
        actions.add(new Action.JoinGroup(start.plusMillis(setupMillis++), people.get(members.get(k)).id(), ref, owner));
        groupsOf.get(members.get(k)).add(0, ref);
      }
    }
    for (int g = 0; g < Math.min(INTEREST_GROUPS, topics.length); g++) {
      String ref = "g" + groupRefs++;
      int owner = pick(random, activityCum);
      actions.add(new Action.CreateGroup(start.plusMillis(setupMillis++), people.get(owner).id(), ref, "#" + topics[g] + " club", false));
      openGroups.add(ref);
      groupsOf.get(owner).add(ref);
      for (int i = 0; i < n; i++) {
        if (i != owner && random.nextDouble() < JOINS_INTEREST_GROUP) {
          actions.add(new Action.JoinGroup(start.plusMillis(setupMillis++), people.get(i).id(), ref, null));
          groupsOf.get(i).add(ref);
        }
      }
    }
    List<Action.ConnectTool> tools = new ArrayList<>();
    for (int t = 0; t < teamGroups.size(); t++) {
      Action.ConnectTool tool = new Action.ConnectTool(start.plusMillis(setupMillis++), teamOwners.get(t), "t" + t, teamGroups.get(t), "CI builds");
      actions.add(tool);
      tools.add(tool);
    }
    // the busiest topics each get an owner among the active, appointed by the organisation's first person
    // as its admin: their questions are asked of their owners first (drawn from a generator of their own,
    // so an organisation generated before topics had owners stays the same otherwise)
    Random stewards = new Random(spec.seed() ^ 0x7091C5L);
    for (int g = 0; g < Math.min(OWNED_TOPICS, topics.length); g++) {
      actions.add(new Action.AppointTopicOwner(start.plusMillis(setupMillis++), people.get(0).id(), topics[g],
          people.get(pick(stewards, activityCum)).id()));
    }
    // the next busiest have no owner yet: an enthusiast offers to look after each, and waits for the admin
    for (int g = OWNED_TOPICS; g < Math.min(OWNED_TOPICS + OFFERED_TOPICS, topics.length); g++) {
      actions.add(new Action.OfferToLookAfterTopic(start.plusMillis(setupMillis++), people.get(pick(stewards, activityCum)).id(), topics[g],
          "I post about #" + topics[g] + " most weeks and would like to help answer its questions"));
    }
    for (int day = 0; day < spec.days(); day++) {
      Instant midnight = start.plus(Duration.ofDays(day));
      int groupPosts = (int) Math.round(n * GROUP_POSTS_PER_PERSON_DAY);
      for (int k = 0; k < groupPosts; k++) {
        int author = pick(random, activityCum);
        List<String> mine = groupsOf.get(author);
        if (mine.isEmpty()) continue;
        // the team group is first in each person's list
        String group = random.nextDouble() < INTO_TEAM || mine.size() == 1 ? mine.get(0) : mine.get(1 + random.nextInt(mine.size() - 1));
        long t = midnight.toEpochMilli() + Math.max(setupMillis, pick(random, hourCum) * 3_600_000L + (long) (random.nextDouble() * 3_600_000L));
        actions.add(new Action.Publish(Instant.ofEpochMilli(t), people.get(author).id(), "p" + refs++,
            postText(random, topics, topicCum, people, followersOf, author), null, null, null, group));
      }
      for (Action.ConnectTool tool : tools) {
        int count = poisson(random, TOOL_POSTS_PER_TEAM_DAY);
        for (int k = 0; k < count; k++) {
          long t = midnight.toEpochMilli() + Math.max(setupMillis, pick(random, hourCum) * 3_600_000L + (long) (random.nextDouble() * 3_600_000L));
          boolean green = random.nextDouble() < 0.85;
          actions.add(new Action.ToolPost(Instant.ofEpochMilli(t), tool.ref(), "p" + refs++,
              "Build " + (1_000 + k + day * 10) + " of the " + tool.groupRef() + " pipeline " + (green ? "passed" : "failed") + " #release"));
        }
      }
    }

    // stable sort keeps creation order among equal instants (a post before its endorsements)
    actions.sort(Comparator.comparing(Action::at));
    return new Org(spec, people, actions);
  }

  /** A post from the last three hours of today's timeline, or null when there is none. */
  private static Action.Publish recent(Random random, List<Action.Publish> published, int dayFirst, Instant at) {
    Instant from = at.minus(Duration.ofHours(3));
    int hi = published.size() - 1;
    int lo = hi;
    while (lo >= dayFirst && published.get(lo).at().isAfter(from)) lo--;
    lo++;
    if (lo > hi) return null;
    return published.get(lo + random.nextInt(hi - lo + 1));
  }

  private static String postText(Random random, String[] topics, double[] topicCum, List<Person> people,
      List<List<Integer>> followersOf, int author) {
    StringBuilder text = new StringBuilder(OPENERS[random.nextInt(OPENERS.length)]).append(' ');
    text.append(TOPIC_WORDS[random.nextInt(TOPIC_WORDS.length)]).append(" — ");
    int tags = random.nextInt(3);
    for (int t = 0; t < tags; t++) text.append('#').append(topics[pick(random, topicCum)]).append(' ');
    if (random.nextInt(5) == 0 && !followersOf.get(author).isEmpty()) {
      List<Integer> fans = followersOf.get(author);
      text.append("thanks @").append(people.get(fans.get(random.nextInt(fans.size()))).id()).append(' ');
    }
    if (random.nextInt(4) == 0) text.append("https://wiki.example/").append(Integer.toHexString(random.nextInt())).append(' ');
    int filler = random.nextInt(4);
    for (int f = 0; f < filler; f++) text.append("More details in the notes from this week's sync. ");
    return text.toString().trim();
  }

  private static String replyText(Random random) {
    String[] replies = {"Agreed!", "Nice work", "Thanks for sharing", "Can we talk about this on Thursday?", "+1, very useful"};
    // no "@author" before it: a reply names whom it answers (replyingTo), and the web client shows that already
    return replies[random.nextInt(replies.length)];
  }

  private static String[] topics(int count) {
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      out[i] = i < TOPIC_WORDS.length ? TOPIC_WORDS[i] : TOPIC_WORDS[i % TOPIC_WORDS.length] + (i / TOPIC_WORDS.length);
    }
    return out;
  }

  private static String departmentName(int d) {
    return d < DEPARTMENTS.length ? DEPARTMENTS[d] : DEPARTMENTS[d % DEPARTMENTS.length] + " " + (d / DEPARTMENTS.length + 1);
  }

  private static String locationName(int l) {
    return l < LOCATIONS.length ? LOCATIONS[l] : LOCATIONS[l % LOCATIONS.length] + " " + (l / LOCATIONS.length + 1);
  }

  private static String title(Random random) {
    String[] titles = {"Engineer", "Senior Engineer", "Analyst", "Consultant", "Manager", "Specialist", "Designer", "Advisor"};
    return titles[random.nextInt(titles.length)];
  }

  static double[] zipfWeights(int n, double s) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) w[i] = 1.0 / Math.pow(i + 1, s);
    return w;
  }

  static double[] cumulative(double[] weights) {
    double[] c = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) c[i] = sum += weights[i];
    return c;
  }

  /** Index drawn with probability proportional to its weight. */
  static int pick(Random random, double[] cumulative) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, x);
    return Math.min(cumulative.length - 1, i >= 0 ? i + 1 : -i - 1);
  }

  private static double pareto(Random random, double alpha) {
    return Math.pow(1 - random.nextDouble(), -1 / alpha);
  }

  private static int poisson(Random random, double mean) {
    if (mean > 30) return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }
}
