// An unmodified discord.js 14 bot, configured only with Guildhall's base URL: discord.js learns the
// gateway's url from GET /api/v10/gateway/bot, exactly as against Discord. It reports what it sees as
// one JSON object per line on stdout, for the e2e test (DiscordJsBotTest) to read.
//
//   GUILDHALL_API=http://localhost:8080/api BOT_TOKEN=... node bot.js
'use strict';

const { Client, Events, GatewayIntentBits } = require('discord.js');

const api = process.env.GUILDHALL_API;
const token = process.env.BOT_TOKEN;
if (!api || !token) {
  console.error('set GUILDHALL_API (e.g. http://localhost:8080/api) and BOT_TOKEN');
  process.exit(2);
}

const report = (event, fields) => console.log(JSON.stringify({ event, ...fields }));

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
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
});

client.on(Events.MessageCreate, async (message) => {
  if (message.author.bot) {
    return;
  }
  report('message', {
    id: message.id,
    channel_id: message.channelId,
    guild_id: message.guildId,
    author_id: message.author.id,
    content: message.content,
  });
  try {
    const reply = await message.reply(`echo: ${message.content}`);
    report('replied', { id: reply.id, reference: reply.reference && reply.reference.messageId });
  } catch (error) {
    report('error', { where: 'reply', message: String(error && error.message), code: error && error.code });
  }
});

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
