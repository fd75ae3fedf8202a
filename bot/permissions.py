"""Who may change a server's library and settings, said with Discord's own names.

Slash commands' ``default_member_permissions`` only shape what Discord shows (server
owners can change them), so the commands check the caller when they run, here.
"""

from __future__ import annotations

import discord

# discord.py's attribute names for the permissions an admin command may require
# (config ``discord.admin_permission``) → what Discord's own settings call them.
DISCORD_NAMES = {
    "manage_guild": "Manage Server",
    "administrator": "Administrator",
    "manage_messages": "Manage Messages",
    "manage_channels": "Manage Channels",
}


def permission_name(attribute: str) -> str:
    return DISCORD_NAMES.get(attribute, attribute.replace("_", " ").title())


def refusal(interaction: discord.Interaction, needed: str, doing: str) -> str | None:
    """None when the caller holds ``needed`` (or Administrator) in a server, else the one
    line that says why not; ``doing`` completes "You need … permission to …"."""
    if interaction.guild is None:
        return "This command works in a server, not in direct messages."
    if getattr(interaction.permissions, needed, False) or interaction.permissions.administrator:
        return None
    return f"You need the “{permission_name(needed)}” permission to {doing}."


async def admin_check(interaction: discord.Interaction, needed: str, doing: str) -> bool:
    """An admin command group's ``interaction_check``: True for a caller holding
    ``needed``; else False, after telling a command's caller why in one private line (an
    autocomplete request gets no reply: it has no message to show)."""
    why = refusal(interaction, needed, doing)
    if why is None:
        return True
    if interaction.type is discord.InteractionType.application_command:
        await interaction.response.send_message(why, ephemeral=True)
    return False
