// An unmodified discord.js 14 bot, configured only with Guildhall's base URL: discord.js learns the
// gateway's url from GET /api/v10/gateway/bot, exactly as against Discord. It reports what it sees as
// one JSON object per line on stdout, for the e2e test (DiscordJsBotTest) to read.
//
//   GUILDHALL_API=http://localhost:8080/api BOT_TOKEN=... node bot.js
'use strict';

const { Client, EmbedBuilder, Events, GatewayIntentBits, WebhookClient } = require('discord.js');

const api = process.env.GUILDHALL_API;
const token = process.env.BOT_TOKEN;
if (!api || !token) {
  console.error('set GUILDHALL_API (e.g. http://localhost:8080/api) and BOT_TOKEN');
  process.exit(2);
}

const report = (event, fields) => console.log(JSON.stringify({ event, ...fields }));

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent,
    GatewayIntentBits.GuildMembers],
  rest: { api },
});

client.once(Events.ClientReady, (ready) => {
  report('ready', {
    user_id: ready.user.id,
    username: ready.user.username,
    bot: ready.user.bot,
    application_id: ready.application.id,
    guilds: ready.guilds.cache.map((guild) => ({
      id: guild.id,
      name: guild.name,
      channels: guild.channels.cache.map((channel) => ({ id: channel.id, name: channel.name, type: channel.type })),
    })),
  });
  // a global slash command, registered as any Discord bot does (a bulk overwrite of the application's commands)
  step('commands', async () => {
    const commands = await ready.application.commands.set([{
      name: 'echo',
      description: 'Says it back',
      options: [{ type: 3, name: 'text', description: 'what to say', required: true }],
    }]);
    return { names: commands.map((command) => command.name), ids: commands.map((command) => command.id) };
  });
});

/** Runs one step of the scenario and reports its result as `event`, or an error naming the step. */
async function step(event, action) {
  try {
    const fields = await action();
    report(event, fields || {});
    return fields;
  } catch (error) {
    report('error', { where: event, message: String(error && error.message), code: error && error.code });
    return null;
  }
}

client.on(Events.MessageCreate, async (message) => {
  if (message.author.bot || message.webhookId) {
    return;
  }
  report('message', {
    id: message.id,
    channel_id: message.channelId,
    guild_id: message.guildId,
    author_id: message.author.id,
    content: message.content,
  });
  // the "Done when" list of issue 10, in order, each through discord.js's ordinary API
  let reply = null;
  await step('replied', async () => {
    reply = await message.reply(`echo: ${message.content}`);
    return { id: reply.id, reference: reply.reference && reply.reference.messageId };
  });
  if (reply) {
    await step('edited', async () => {
      const edited = await reply.edit(`edited: ${message.content}`);
      return { id: edited.id, content: edited.content };
    });
  }
  await step('reacted', async () => {
    await message.react('👍');
    return { message_id: message.id };
  });
  await step('embed', async () => {
    const sent = await message.channel.send({
      embeds: [new EmbedBuilder().setTitle('Deploy finished').setDescription('**main** is live').setColor(0x2ecc71)],
    });
    return { id: sent.id, title: sent.embeds[0] && sent.embeds[0].title };
  });
  await step('file', async () => {
    const sent = await message.channel.send({
      content: 'a file',
      files: [{ attachment: Buffer.from('hello from discord.js\n'), name: 'hello.txt' }],
    });
    return { id: sent.id, attachments: sent.attachments.map((a) => ({ id: a.id, name: a.name, size: a.size })) };
  });
  await step('webhook', async () => {
    const hook = await message.channel.createWebhook({ name: 'Deploys' });
    const client = new WebhookClient({ id: hook.id, token: hook.token }, { rest: { api } });
    try {
      const sent = await client.send({ content: 'from a webhook', username: 'CI' });
      return { webhook_id: hook.id, id: sent.id };
    } finally {
      client.destroy();
    }
  });
  await step('deleted', async () => {
    const doomed = await message.channel.send('to be deleted');
    await doomed.delete();
    return { id: doomed.id };
  });
});

client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand()) {
    return;
  }
  report('interaction', {
    id: interaction.id,
    name: interaction.commandName,
    user_id: interaction.user.id,
    text: interaction.options.getString('text'),
  });
  await step('interaction_replied', async () => {
    await interaction.reply(`pong: ${interaction.options.getString('text')}`);
    return { id: interaction.id };
  });
});

client.on(Events.GuildMemberAdd, (member) => report('member_join', { user_id: member.id, guild_id: member.guild.id }));

client.on(Events.Error, (error) => report('error', { where: 'client', message: String(error && error.message) }));
client.on(Events.ShardDisconnect, (event) => report('disconnect', { code: event && event.code }));

client.login(token).catch((error) => {
  report('error', { where: 'login', message: String(error && error.message), code: error && error.code });
  process.exit(1);
});

// never outlive the test that started us
setTimeout(() => {
  report('timeout', {});
  client.destroy().finally(() => process.exit(3));
}, Number(process.env.BOT_LIFETIME_MS || 120000)).unref();

process.on('SIGTERM', () => client.destroy().finally(() => process.exit(0)));
