param name string
param location string
param tags object
@secure()
param teamsWebhookUrl string
@secure()
param smtpUrl string

// RBAC-authorised vault; purge protection stays off so `azd down --purge` can remove it.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(teamsWebhookUrl)) {
  parent: vault
  name: 'teams-webhook-url'
  properties: { value: teamsWebhookUrl, contentType: 'text/plain' }
}

resource smtpSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpUrl)) {
  parent: vault
  name: 'smtp-url'
  properties: { value: smtpUrl, contentType: 'text/plain' }
}

output name string = vault.name
// Version-less URIs, so a rotated secret is picked up without redeploying.
output teamsWebhookSecretUri string = empty(teamsWebhookUrl) ? '' : '${vault.properties.vaultUri}secrets/teams-webhook-url/'
output smtpUrlSecretUri string = empty(smtpUrl) ? '' : '${vault.properties.vaultUri}secrets/smtp-url/'
