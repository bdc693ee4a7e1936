import { gql } from '@apollo/client';

// The app's GraphQL documents (mod-resource-sharing/src/graphql/schema.ts is the schema; the UI
// tests run them against it).

export const REQUEST_DETAIL = gql`
  query RequestDetail($id: ID!) {
    request(id: $id) {
      id hrid role state stateModel needsAttention serviceType
      citation {
        title author isbn issn oclcNumber edition volume issue pages publisher placeOfPublication publicationDate format articleTitle
      }
      patron { id barcode name pickupLocation notes neededBefore patronGroup }
      requesterSymbol supplierSymbol partnerSymbol peerRequestId dueDate patronDueDate itemBarcode
      rotaIndex
      rota { symbol name rank score skipped reason rankedBy factors outcome outcomeReason current broker brokerSuppliers { symbol name outcome reason } }
      conditions { loanCondition cost maximumCost currency note }
      documentUrl
      storedCopy { status filename contentType size storedDate }
      attention unreadMessages lastError _version
      metadata { createdDate updatedDate createdByUserId updatedByUserId }
      partner { id name symbols }
      audit { id timestamp actor { type id } action fromState toState message changes }
    }
  }
`;

const ROLE_FIELDS = `
  open
  openByState { state count }
  filled notFilled fillRate
  medianTurnaroundDays p90TurnaroundDays turnaroundSamples
`;

export const DASHBOARD = gql`
  query Dashboard($since: DateTime) {
    statistics(since: $since) {
      since
      borrowing { ${ROLE_FIELDS} }
      lending { ${ROLE_FIELDS} }
      partners { symbol name partner openBorrowing openLending lentToUs borrowedFromUs balance unfilled fillRate medianTurnaroundDays }
    }
  }
`;
