package no.deling.load.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.deling.core.events.DomainEvent;
import no.deling.core.events.EventTypes;
import no.deling.core.ids.PostIds;
import no.deling.core.json.Json;
import no.deling.endorsements.EndorsementEvent;
import no.deling.follows.FollowEvent;
import no.deling.posts.PostEvent;
import no.deling.posts.PostText;
import no.deling.users.UserEvent;

/**
 * The two files a generated organisation is written as, both JSON Lines:
 *
 * <ul>
 *   <li>the <b>command stream</b> ({@code commands.jsonl}): what people do, one action per line
 *       ({@code op} = join, follow_user, follow_topic, publish, endorse), with posts named by
 *       generator refs — what the replay driver plays through the public API;
 *   <li>the <b>event stream</b> ({@code events.jsonl}): the events those commands produce, one per
 *       line as {@code {"stream","type","data"}}, each valid against {@code schema/events/} — what
 *       an offline import appends straight into a store.
 * </ul>
 */
public final class OrgFiles {
  private OrgFiles() {}

  // ------------------------------------------------------------------ commands

  public static void writeCommands(Org org, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Action a : org.actions()) {
        out.write(Json.MAPPER.writeValueAsString(command(a)));
        out.newLine();
      }
    }
  }

  static ObjectNode command(Action a) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    if (a instanceof Action.Join j) {
      o.put("op", "join").put("at", j.at().toString()).put("user", j.actor())
          .put("name", j.person().name()).put("department", j.person().department())
          .put("location", j.person().location()).put("title", j.person().title());
    } else if (a instanceof Action.FollowUser f) {
      o.put("op", "follow_user").put("at", f.at().toString()).put("user", f.actor()).put("followee", f.followee());
    } else if (a instanceof Action.FollowTopic f) {
      o.put("op", "follow_topic").put("at", f.at().toString()).put("user", f.actor()).put("tag", f.tag());
    } else if (a instanceof Action.Publish p) {
      o.put("op", "publish").put("at", p.at().toString()).put("user", p.actor()).put("ref", p.ref()).put("text", p.text());
      if (p.parentRef() != null) o.put("parent", p.parentRef());
      if (p.kind() != null) o.put("kind", p.kind());
      if (p.options() != null) o.putArray("options").addAll(p.options().stream().map(com.fasterxml.jackson.databind.node.TextNode::valueOf).toList());
      if (p.groupRef() != null) o.put("group", p.groupRef());
    } else if (a instanceof Action.AppointTopicOwner t) {
      o.put("op", "appoint_topic_owner").put("at", t.at().toString()).put("user", t.actor()).put("tag", t.tag()).put("owner", t.owner());
    } else if (a instanceof Action.OfferToLookAfterTopic t) {
      o.put("op", "offer_topic").put("at", t.at().toString()).put("user", t.actor()).put("tag", t.tag()).put("note", t.note());
    } else if (a instanceof Action.CreateGroup g) {
      o.put("op", "create_group").put("at", g.at().toString()).put("user", g.actor()).put("ref", g.ref()).put("name", g.name())
          .put("private", g.isPrivate());
    } else if (a instanceof Action.JoinGroup j) {
      o.put("op", "join_group").put("at", j.at().toString()).put("user", j.actor()).put("group", j.groupRef());
      if (j.invitedBy() != null) o.put("invitedBy", j.invitedBy());
    } else if (a instanceof Action.ConnectTool t) {
      o.put("op", "connect_tool").put("at", t.at().toString()).put("user", t.actor()).put("ref", t.ref()).put("group", t.groupRef())
          .put("name", t.name());
    } else if (a instanceof Action.ToolPost t) {
      o.put("op", "tool_post").put("at", t.at().toString()).put("user", t.actor()).put("ref", t.ref()).put("text", t.text());
    } else if (a instanceof Action.Vote v) {
      o.put("op", "vote").put("at", v.at().toString()).put("user", v.actor()).put("poll", v.pollRef()).put("option", v.option());
    } else if (a instanceof Action.Save v) {
      o.put("op", "save").put("at", v.at().toString()).put("user", v.actor()).put("post", v.postRef());
    } else if (a instanceof Action.Endorse e) {
      o.put("op", "endorse").put("at", e.at().toString()).put("user", e.actor())
          .put("post", e.postRef()).put("postAuthor", e.postAuthor());
    } else if (a instanceof Action.Accept c) {
      o.put("op", "accept").put("at", c.at().toString()).put("user", c.actor()).put("question", c.questionRef())
          .put("answer", c.answerRef()).put("answerAuthor", c.answerAuthor());
    } else if (a instanceof Action.EndorseSkill k) {
      o.put("op", "endorse_skill").put("at", k.at().toString()).put("user", k.actor()).put("colleague", k.user()).put("topic", k.topic());
      if (k.evidenceRef() != null) o.put("evidence", k.evidenceRef());
    } else if (a instanceof Action.Bookmark b) {
      o.put("op", "bookmark").put("at", b.at().toString()).put("user", b.actor()).put("url", b.url());
      o.putArray("tags").addAll(b.tags().stream().map(com.fasterxml.jackson.databind.node.TextNode::valueOf).toList());
      if (b.comment() != null) o.put("comment", b.comment());
    }
    return o;
  }

  public static List<Action> readCommands(Path file) throws IOException {
    List<Action> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) continue;
        try {
          out.add(action(Json.MAPPER.readTree(line)));
        } catch (RuntimeException e) {
          throw new IOException(file + ":" + number + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  static Action action(JsonNode o) {
    Instant at = Instant.parse(o.get("at").asText());
    String user = o.get("user").asText();
    return switch (o.get("op").asText()) {
      case "join" -> new Action.Join(at, new Person(user, text(o, "name"), text(o, "department"), text(o, "location"), text(o, "title")));
      case "follow_user" -> new Action.FollowUser(at, user, o.get("followee").asText());
      case "follow_topic" -> new Action.FollowTopic(at, user, o.get("tag").asText());
      case "publish" -> {
        List<String> options = null;
        if (o.has("options")) {
          options = new ArrayList<>();
          for (JsonNode option : o.get("options")) options.add(option.asText());
        }
        yield new Action.Publish(at, user, o.get("ref").asText(), o.get("text").asText(), text(o, "parent"),
            o.path("question").asBoolean(false) ? "question" : text(o, "kind"), options, text(o, "group"));
      }
      case "appoint_topic_owner" -> new Action.AppointTopicOwner(at, user, o.get("tag").asText(), o.get("owner").asText());
      case "offer_topic" -> new Action.OfferToLookAfterTopic(at, user, o.get("tag").asText(), o.get("note").asText());
      case "create_group" -> new Action.CreateGroup(at, user, o.get("ref").asText(), o.get("name").asText(), o.get("private").asBoolean());
      case "join_group" -> new Action.JoinGroup(at, user, o.get("group").asText(), text(o, "invitedBy"));
      case "connect_tool" -> new Action.ConnectTool(at, user, o.get("ref").asText(), o.get("group").asText(), o.get("name").asText());
      case "tool_post" -> new Action.ToolPost(at, user, o.get("ref").asText(), o.get("text").asText());
      case "vote" -> new Action.Vote(at, user, o.get("poll").asText(), o.get("option").asInt());
      case "save" -> new Action.Save(at, user, o.get("post").asText());
      case "endorse" -> new Action.Endorse(at, user, o.get("post").asText(), o.get("postAuthor").asText());
      case "accept" -> new Action.Accept(at, user, o.get("question").asText(), o.get("answer").asText(), o.get("answerAuthor").asText());
      case "endorse_skill" -> new Action.EndorseSkill(at, user, o.get("colleague").asText(), o.get("topic").asText(), text(o, "evidence"));
      case "bookmark" -> {
        List<String> tags = new ArrayList<>();
        o.path("tags").forEach(t -> tags.add(t.asText()));
        yield new Action.Bookmark(at, user, o.get("url").asText(), tags, text(o, "comment"));
      }
      default -> throw new IllegalArgumentException("unknown op " + o.get("op"));
    };
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  // ------------------------------------------------------------------ events

  /** One event of the event stream. */
  public record EventLine(String stream, String type, byte[] data) {}

  /** The events the command stream produces, with post ids minted as a server with {@code nodeId} would. */
  public static List<EventLine> events(Org org, int nodeId) {
    PostIds ids = new PostIds(nodeId);
    Map<String, String[]> posts = new HashMap<>(); // ref -> {id, threadRoot}
    Map<String, String> groups = new HashMap<>(); // ref -> group id
    Map<String, String[]> tools = new HashMap<>(); // ref -> {integration id, group id}
    List<EventLine> out = new ArrayList<>(org.actions().size());
    for (Action a : org.actions()) {
      DomainEvent event;
      String stream;
      if (a instanceof Action.Join j) {
        Person p = j.person();
        event = new UserEvent.ProfileRecorded(p.id(), p.name(), p.department(), p.location(), p.title(), j.at());
        stream = UserEvent.stream(p.id());
      } else if (a instanceof Action.FollowUser f) {
        event = new FollowEvent.UserFollowed(f.actor(), f.followee(), f.at());
        stream = FollowEvent.stream(f.actor());
      } else if (a instanceof Action.FollowTopic f) {
        event = new FollowEvent.TopicFollowed(f.actor(), PostText.normaliseTag(f.tag()), f.at());
        stream = FollowEvent.stream(f.actor());
      } else if (a instanceof Action.Publish p) {
        String id = PostIds.format(ids.next(p.at().toEpochMilli()));
        String[] parent = p.parentRef() == null ? null : posts.get(p.parentRef());
        String root = parent == null ? id : parent[1];
        posts.put(p.ref(), new String[] {id, root});
        event = new PostEvent.PostPublished(id, p.actor(), p.text(), parent == null ? null : parent[0], root,
            PostText.hashtags(p.text()), PostText.mentions(p.text()), PostText.links(p.text()), p.at(), p.groupRef() == null ? null : groups.get(p.groupRef()),
            p.kind(), p.options() == null ? null : new PostEvent.Poll(p.options(), null));
        stream = PostEvent.stream(id);
      } else if (a instanceof Action.AppointTopicOwner t) {
        String tag = PostText.normaliseTag(t.tag());
        event = new no.deling.topics.TopicEvent.TopicOwnerAppointed(tag, t.owner(), t.actor(), t.at());
        stream = no.deling.topics.TopicEvent.stream(tag);
      } else if (a instanceof Action.OfferToLookAfterTopic t) {
        String tag = PostText.normaliseTag(t.tag());
        event = new no.deling.topics.TopicEvent.TopicOwnershipOffered(tag, t.actor(), t.note(), t.at());
        stream = no.deling.topics.TopicEvent.stream(tag);
      } else if (a instanceof Action.CreateGroup g) {
        String id = PostIds.format(ids.next(g.at().toEpochMilli()));
        groups.put(g.ref(), id);
        event = new no.deling.groups.GroupEvent.GroupCreated(id, g.name(), "", List.of(), g.isPrivate() ? "private" : "open", g.actor(), g.at());
        stream = no.deling.groups.GroupEvent.stream(id);
      } else if (a instanceof Action.JoinGroup j) {
        String id = groups.get(j.groupRef());
        // an invitation accepted is, in the log's own terms, a join via invitation by the one who invited
        event = new no.deling.groups.GroupEvent.GroupMemberJoined(id, j.actor(), j.invitedBy() == null ? j.actor() : j.invitedBy(),
            j.invitedBy() == null ? "open" : "invitation", j.at());
        stream = no.deling.groups.GroupEvent.stream(id);
      } else if (a instanceof Action.ConnectTool t) {
        String id = PostIds.format(ids.next(t.at().toEpochMilli()));
        tools.put(t.ref(), new String[] {id, groups.get(t.groupRef())});
        event = new no.deling.integrations.IntegrationEvent.IntegrationCreated(id, groups.get(t.groupRef()), t.name(), t.actor(),
            no.deling.integrations.Integrations.sha256("offline import " + t.ref()), t.at());
        stream = no.deling.integrations.IntegrationEvent.stream(id);
      } else if (a instanceof Action.ToolPost t) {
        String[] tool = tools.get(t.actor());
        String id = PostIds.format(ids.next(t.at().toEpochMilli()));
        posts.put(t.ref(), new String[] {id, id});
        event = new PostEvent.PostPublished(id, no.deling.integrations.Integrations.author(tool[0]), t.text(), null, id, PostText.hashtags(t.text()),
            PostText.mentions(t.text()), PostText.links(t.text()), t.at(), tool[1]);
        stream = PostEvent.stream(id);
      } else if (a instanceof Action.Vote v) {
        String poll = posts.get(v.pollRef())[0];
        event = new no.deling.polls.PollEvent.PollVoted(poll, v.actor(), v.option(), v.at());
        stream = no.deling.polls.PollEvent.stream(poll, v.actor());
      } else if (a instanceof Action.Save v) {
        String post = posts.get(v.postRef())[0];
        event = new no.deling.saved.SavedEvent.PostSaved(v.actor(), post, v.at());
        stream = no.deling.saved.SavedEvent.stream(v.actor(), post);
      } else if (a instanceof Action.Accept c) {
        String question = posts.get(c.questionRef())[0];
        event = new no.deling.questions.QuestionEvent.AnswerAccepted(question, posts.get(c.answerRef())[0], c.actor(), c.answerAuthor(), c.at());
        stream = no.deling.questions.QuestionEvent.stream(question);
      } else if (a instanceof Action.EndorseSkill k) {
        event = new no.deling.skills.SkillEvent.SkillEndorsed(k.user(), PostText.normaliseTag(k.topic()), k.actor(),
            k.evidenceRef() == null ? null : posts.get(k.evidenceRef())[0], k.at());
        stream = no.deling.skills.SkillEvent.stream(k.user());
      } else if (a instanceof Action.Bookmark b) {
        String url = no.deling.links.LinkUrl.normalise(b.url());
        event = new no.deling.links.LinkEvent.BookmarkSaved(url, b.actor(), b.tags().stream().map(PostText::normaliseTag).toList(), b.comment(), null, b.at());
        stream = no.deling.links.LinkEvent.stream(url, b.actor());
      } else {
        Action.Endorse e = (Action.Endorse) a;
        String postId = posts.get(e.postRef())[0];
        event = new EndorsementEvent.PostEndorsed(postId, e.postAuthor(), e.actor(), e.at());
        stream = EndorsementEvent.stream(postId, e.actor());
      }
      out.add(new EventLine(stream, EventTypes.nameOf(event), EventTypes.encode(event)));
    }
    return out;
  }

  public static void writeEvents(List<EventLine> events, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (EventLine e : events) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("stream", e.stream()).put("type", e.type());
        o.set("data", Json.MAPPER.readTree(e.data()));
        out.write(Json.MAPPER.writeValueAsString(o));
        out.newLine();
      }
    }
  }

  public static List<EventLine> readEvents(Path file) throws IOException {
    List<EventLine> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) continue;
        JsonNode o = Json.MAPPER.readTree(line);
        out.add(new EventLine(o.get("stream").asText(), o.get("type").asText(), Json.MAPPER.writeValueAsBytes(o.get("data"))));
      }
    }
    return out;
  }
}
